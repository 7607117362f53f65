// Generated from spec/openapi/openapi.json by packages/sandbox/scripts/generate.ts
// (npm run generate). Do not edit by hand.

import type { ApiDescription } from "../api-description.ts";

/** The API the sandbox implements, from the spec. */
export const api: ApiDescription = {
  "operations": [
    {
      "id": "exchangeToken",
      "method": "POST",
      "path": "/v1/auth/exchange",
      "parameters": [],
      "bodySchemaRef": "#/components/schemas/TokenExchangeRequest",
      "bodyRequired": false,
      "credential": {
        "kind": "apiKey",
        "header": "Org-API-Key"
      },
      "streaming": false
    },
    {
      "id": "listConversations",
      "method": "GET",
      "path": "/v1/conversations",
      "parameters": [
        {
          "name": "externalUserID",
          "in": "query",
          "required": false,
          "schema": {
            "type": "string",
            "pattern": "^(?!concierge$)[^\\x00-\\x1F\\x7F-\\x9F]+$",
            "minLength": 1,
            "maxLength": 128
          }
        }
      ],
      "bodyRequired": false,
      "credential": {
        "kind": "bearer"
      },
      "streaming": false
    },
    {
      "id": "listMessages",
      "method": "GET",
      "path": "/v1/conversations/{id}/messages",
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string"
          }
        },
        {
          "name": "limit",
          "in": "query",
          "required": false,
          "schema": {
            "type": "integer",
            "format": "int32",
            "minimum": 1,
            "maximum": 100,
            "default": 50
          }
        },
        {
          "name": "cursor",
          "in": "query",
          "required": false,
          "schema": {
            "type": "string"
          }
        },
        {
          "name": "externalUserID",
          "in": "query",
          "required": false,
          "schema": {
            "type": "string",
            "pattern": "^(?!concierge$)[^\\x00-\\x1F\\x7F-\\x9F]+$",
            "minLength": 1,
            "maxLength": 128
          }
        }
      ],
      "bodyRequired": false,
      "credential": {
        "kind": "bearer"
      },
      "streaming": false
    },
    {
      "id": "sendMessage",
      "method": "POST",
      "path": "/v1/conversations/{id}/messages",
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string"
          }
        },
        {
          "name": "Idempotency-Key",
          "in": "header",
          "required": false,
          "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          }
        },
        {
          "name": "externalUserID",
          "in": "query",
          "required": false,
          "schema": {
            "type": "string",
            "pattern": "^(?!concierge$)[^\\x00-\\x1F\\x7F-\\x9F]+$",
            "minLength": 1,
            "maxLength": 128
          }
        }
      ],
      "bodySchemaRef": "#/components/schemas/SendMessageRequest",
      "bodyRequired": true,
      "credential": {
        "kind": "bearer"
      },
      "idempotencyHeader": "Idempotency-Key",
      "streaming": false
    },
    {
      "id": "streamMessages",
      "method": "GET",
      "path": "/v1/conversations/{id}/stream",
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string"
          }
        },
        {
          "name": "externalUserID",
          "in": "query",
          "required": false,
          "schema": {
            "type": "string",
            "pattern": "^(?!concierge$)[^\\x00-\\x1F\\x7F-\\x9F]+$",
            "minLength": 1,
            "maxLength": 128
          }
        },
        {
          "name": "Last-Event-ID",
          "in": "header",
          "required": false,
          "schema": {
            "type": "string"
          }
        }
      ],
      "bodyRequired": false,
      "credential": {
        "kind": "bearer"
      },
      "streaming": true
    }
  ],
  "errorCodes": [
    {
      "code": "invalid_request",
      "status": 400,
      "retryable": false
    },
    {
      "code": "unauthorized",
      "status": 401,
      "retryable": false
    },
    {
      "code": "token_expired",
      "status": 401,
      "retryable": false
    },
    {
      "code": "forbidden",
      "status": 403,
      "retryable": false
    },
    {
      "code": "not_found",
      "status": 404,
      "retryable": false
    },
    {
      "code": "method_not_allowed",
      "status": 405,
      "retryable": false
    },
    {
      "code": "request_timeout",
      "status": 408,
      "retryable": true
    },
    {
      "code": "idempotency_conflict",
      "status": 409,
      "retryable": false
    },
    {
      "code": "idempotency_in_progress",
      "status": 409,
      "retryable": true
    },
    {
      "code": "content_too_large",
      "status": 413,
      "retryable": false
    },
    {
      "code": "rate_limited",
      "status": 429,
      "retryable": true
    },
    {
      "code": "headers_too_large",
      "status": 431,
      "retryable": false
    },
    {
      "code": "internal_error",
      "status": 500,
      "retryable": true
    },
    {
      "code": "service_unavailable",
      "status": 503,
      "retryable": true
    }
  ],
  "schemas": {
    "TokenKind": {
      "type": "string",
      "enum": [
        "member",
        "machine"
      ]
    },
    "TokenExchangeResponse": {
      "type": "object",
      "required": [
        "token",
        "kind",
        "externalUserID",
        "expiresAt",
        "expiresIn"
      ],
      "properties": {
        "token": {
          "type": "string"
        },
        "kind": {
          "allOf": [
            {
              "$ref": "#/components/schemas/TokenKind"
            }
          ]
        },
        "externalUserID": {
          "type": "string",
          "nullable": true
        },
        "expiresAt": {
          "type": "string",
          "format": "date-time"
        },
        "expiresIn": {
          "type": "integer",
          "format": "int32"
        }
      }
    },
    "ErrorCode": {
      "type": "string",
      "enum": [
        "invalid_request",
        "unauthorized",
        "token_expired",
        "forbidden",
        "not_found",
        "method_not_allowed",
        "request_timeout",
        "idempotency_conflict",
        "idempotency_in_progress",
        "content_too_large",
        "rate_limited",
        "headers_too_large",
        "internal_error",
        "service_unavailable"
      ]
    },
    "ApiError": {
      "type": "object",
      "required": [
        "code",
        "message",
        "requestId",
        "retryable"
      ],
      "properties": {
        "code": {
          "allOf": [
            {
              "$ref": "#/components/schemas/ErrorCode"
            }
          ]
        },
        "message": {
          "type": "string"
        },
        "requestId": {
          "type": "string"
        },
        "retryable": {
          "type": "boolean"
        },
        "param": {
          "type": "string"
        }
      }
    },
    "TokenExchangeRequest": {
      "type": "object",
      "properties": {
        "externalUserID": {
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^(?!concierge$)[^\\x00-\\x1F\\x7F-\\x9F]+$"
        },
        "ttlSeconds": {
          "type": "integer",
          "format": "int32",
          "minimum": 60,
          "maximum": 3600
        }
      },
      "additionalProperties": false
    },
    "Conversation": {
      "type": "object",
      "required": [
        "id",
        "type",
        "title",
        "lastMessageAt"
      ],
      "properties": {
        "id": {
          "type": "string"
        },
        "type": {
          "type": "string"
        },
        "title": {
          "type": "string",
          "nullable": true
        },
        "lastMessageAt": {
          "type": "string",
          "format": "date-time",
          "nullable": true
        }
      }
    },
    "ListConversationsResponse": {
      "type": "object",
      "required": [
        "conversations"
      ],
      "properties": {
        "conversations": {
          "type": "array",
          "items": {
            "$ref": "#/components/schemas/Conversation"
          }
        }
      }
    },
    "Message": {
      "type": "object",
      "required": [
        "id",
        "type",
        "authorID",
        "body",
        "createdAt"
      ],
      "properties": {
        "id": {
          "type": "string"
        },
        "type": {
          "type": "string"
        },
        "authorID": {
          "type": "string"
        },
        "body": {
          "type": "string",
          "nullable": true
        },
        "createdAt": {
          "type": "string",
          "format": "date-time"
        }
      }
    },
    "ListMessagesResponse": {
      "type": "object",
      "required": [
        "messages",
        "nextCursor"
      ],
      "properties": {
        "messages": {
          "type": "array",
          "items": {
            "$ref": "#/components/schemas/Message"
          }
        },
        "nextCursor": {
          "type": "string",
          "nullable": true
        }
      }
    },
    "SendMessageResponse": {
      "type": "object",
      "required": [
        "ok"
      ],
      "properties": {
        "ok": {
          "type": "boolean"
        }
      }
    },
    "SendMessageRequest": {
      "type": "object",
      "required": [
        "message"
      ],
      "properties": {
        "message": {
          "type": "string",
          "minLength": 1,
          "maxLength": 4000
        }
      },
      "additionalProperties": false
    }
  }
};
