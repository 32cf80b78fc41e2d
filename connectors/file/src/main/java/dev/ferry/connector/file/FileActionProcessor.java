package dev.ferry.connector.file;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Appends inserted and upserted records to the object's output file, one line each. A file cannot be changed in
 * place, so an upsert appends too and readers take the last line of a key as its current state.
 */
final class FileActionProcessor implements ActionProcessor {

    static final Set<Operation> OPERATIONS = Set.of(Operation.INSERT, Operation.UPSERT);

    private final FileFormat format;

    FileActionProcessor(FileFormat format) {
        this.format = format;
    }

    @Override
    public List<ActionOutcome> execute(ActionContext context, List<Action> actions) throws ConnectorException {
        DataObject object = context.object();
        FileObjectOptions options = FileObjectOptions.of(object, format.extension());

        ActionOutcome[] outcomes = new ActionOutcome[actions.size()];
        List<DataRecord> appended = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            if (!OPERATIONS.contains(action.operation())) {
                outcomes[i] = ActionOutcome.failed(action.id(), "unsupported", "operation '"
                        + action.operation().label() + "' is not supported: files are only appended to");
                continue;
            }
            try {
                appended.add(object.toRecord(action.record().values()));
            } catch (IllegalArgumentException e) {
                outcomes[i] = ActionOutcome.failed(action.id(), "invalid_record", e.getMessage());
                continue;
            }
            outcomes[i] = ActionOutcome.succeeded(action.id(), null);
        }
        if (!appended.isEmpty()) {
            try (FileStore store = FileStore.of(context.connection())) {
                store.requireFolder();
                append(store, options.outputFile(), appended, object);
            }
        }
        return Arrays.asList(outcomes);
    }

    /** One write per batch; if it fails the platform keeps the whole batch queued (see ConnectorException). */
    private void append(FileStore store, String file, List<DataRecord> records, DataObject object)
            throws ConnectorException {
        try {
            boolean newFile = store.size(file) <= 0;
            store.append(file, format.render(records, object, newFile).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConnectorException("write_failed", "appending to " + store.describe(file) + " failed: " + e,
                    true, e);
        }
    }
}
