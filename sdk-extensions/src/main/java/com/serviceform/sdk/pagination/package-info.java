/**
 * Reading large results: the chat-history pager, which covers a time range completely through
 * windows no larger than a page, and element-by-element streaming of list responses. See {@code
 * docs/pagination.md}.
 */
package com.serviceform.sdk.pagination;
