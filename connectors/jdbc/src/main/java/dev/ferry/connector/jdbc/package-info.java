/**
 * The JDBC connector: data objects are tables of Derby, PostgreSQL or MariaDB/MySQL databases. Private to its
 * bundle; the platform sees only the {@link dev.ferry.connector.api.Connector} service.
 */
package dev.ferry.connector.jdbc;
