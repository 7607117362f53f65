#!/usr/bin/env bash
# Getting started outside any checkout: a new project, the SDK from the npm
# registry, the sandbox, and the quickstart on Node 22.18+ and on Node 20.
# The docs tests run these regions in a folder outside the repository.
set -euo pipefail

# #region project
mkdir expys-quickstart && cd expys-quickstart
npm init -y
npm pkg set type=module # the examples are ES modules
npm install @expys/sdk
# The sandbox, and tsx for Node 20, which cannot run TypeScript itself:
npm install --save-dev @expys/sandbox tsx
# #endregion project

# #region sandbox
# Starts the sandbox in the background; it prints one line of JSON.
npx @expys/sandbox > sandbox.json &
until [ -s sandbox.json ]; do sleep 0.2; done
export EXPYS_BASE_URL=$(jq -r .baseUrl sandbox.json)
export EXPYS_MEMBER_TOKEN=$(jq -r .memberToken sandbox.json)
export EXPYS_EXTERNAL_USER_ID=$(jq -r .externalUserID sandbox.json)
export EXPYS_CONVERSATION_ID=$(jq -r .conversationId sandbox.json)
# #endregion sandbox

# #region run-node22
node quickstart.ts # Node 22.18 or later runs TypeScript as it is
# #endregion run-node22

# #region run-node20
npx tsx quickstart.ts # Node 20: tsx compiles it on the fly
# #endregion run-node20
