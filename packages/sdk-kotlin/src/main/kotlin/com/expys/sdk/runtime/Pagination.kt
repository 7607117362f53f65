package com.expys.sdk.runtime

import com.expys.sdk.RequestOptions
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.transform

/**
 * Every page of a cursor-paginated operation, starting with the one [args] asks for,
 * each fetched only when the collector wants it, until the next cursor is `null` (or
 * empty). Each page is one call, with the client's retries.
 */
internal fun <P> ApiRuntime.pages(
    operation: Operation<P>,
    args: CallArgs,
    cursorParam: String,
    nextCursor: (P) -> String?,
    requestOptions: RequestOptions?,
): Flow<P> = flow {
    var current = args
    while (true) {
        val page = call(operation, current, requestOptions).data
        emit(page)
        val cursor = nextCursor(page)
        if (cursor.isNullOrEmpty()) break
        current = current.withQueryValue(cursorParam, cursor)
    }
}

/** Every item of every page, in order. */
internal fun <P, I> Flow<P>.items(itemsOf: (P) -> List<I>): Flow<I> = transform { page -> for (item in itemsOf(page)) emit(item) }

private fun CallArgs.withQueryValue(name: String, value: String): CallArgs = CallArgs(
    pathParams = pathParams,
    query = query.filter { it.name != name } + QueryValue(name, value),
    headers = headers,
    body = body,
    contentType = contentType,
    idempotencyKey = idempotencyKey,
)
