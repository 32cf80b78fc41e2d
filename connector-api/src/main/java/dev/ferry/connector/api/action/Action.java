package dev.ferry.connector.api.action;

import dev.ferry.connector.api.data.DataRecord;
import org.osgi.annotation.versioning.ProviderType;

import java.util.Objects;

/**
 * One action for an action processor.
 *
 * @param id        the platform's id of the action, to match outcomes with
 * @param operation what to do
 * @param record    the record: all fields for insert / update / upsert, at least the primary key for delete / get
 */
@ProviderType
public record Action(long id, Operation operation, DataRecord record) {
    public Action {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(record, "record");
    }
}
