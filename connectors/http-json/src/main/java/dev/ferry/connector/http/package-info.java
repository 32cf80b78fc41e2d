/**
 * The http-json connector: data objects are resources of an HTTP API that speaks JSON, read page by page and
 * written with POST, PATCH/PUT and DELETE. Private to its bundle; the platform sees only the
 * {@link dev.ferry.connector.api.Connector} service.
 */
package dev.ferry.connector.http;
