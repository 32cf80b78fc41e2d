/**
 * The amqp connector: data objects are queues of an AMQP 0-9-1 broker (RabbitMQ) holding JSON messages, consumed
 * into the platform's cache and acknowledged once stored, and published to with publisher confirms. Private to its
 * bundle; the platform sees only the {@link dev.ferry.connector.api.Connector} service.
 */
package dev.ferry.connector.amqp;
