package dev.ferry.connector.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a connector holds for one step of a run: a connection pool, an access token, a rate limiter, a client with
 * its buffers. {@link Connector#openSession} makes it when a registration's step starts reading or writing, every
 * read and batch of that step gets it ({@link dev.ferry.connector.api.read.ReadContext#session()},
 * {@link dev.ferry.connector.api.action.ActionContext#session()}), and the platform closes it when the step ends,
 * however it ends. Sessions of different steps and registrations are separate, and may be used at the same time.
 *
 * @since connector API 1.1
 */
@ConsumerType
public interface ConnectorSession extends AutoCloseable {

    /** Lets go of what the session holds; called once, when the step ends. Must not throw. */
    @Override
    void close();
}
