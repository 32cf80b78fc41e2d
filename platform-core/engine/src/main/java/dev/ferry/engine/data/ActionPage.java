package dev.ferry.engine.data;

import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of queued actions for one action-processor service, as stored: the origin and the target's field names
 * once, then each action's operation, record key and values. Actions are numbered by their place in the page.
 */
final class ActionPage {

    private static final int FORMAT = 1;
    private static final Operation[] OPERATIONS = Operation.values();

    /**
     * One queued action as read back: its values in the order of the page's field names (an array, not a map: a
     * million actions are read back in a large sync).
     */
    record Queued(int index, Operation operation, String key, List<String> names, Object[] row) {

        /** The values by field name. */
        Map<String, Object> values() {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < row.length; i++) {
                values.put(names.get(i), row[i]);
            }
            return values;
        }

        /**
         * The action for the connector, its record of the target's type.
         *
         * @param inFieldOrder whether the page's field names are the target's, in its order
         *                     ({@link Decoded#inFieldOrderOf}): the values then go to the record as they are
         * @throws IllegalArgumentException when the values do not fit the target (any more)
         */
        Action toAction(long pageId, DataObject object, boolean inFieldOrder) {
            if (operation == Operation.DELETE || operation == Operation.GET) {
                Map<String, Object> key = new LinkedHashMap<>();
                for (String k : object.primaryKey()) {
                    int at = names.indexOf(k);
                    key.put(k, at < 0 ? null : row[at]);
                }
                return new Action(actionId(pageId, index), operation, DataRecord.of(key));
            }
            DataRecord record = inFieldOrder ? object.toRecord(Arrays.asList(row)) : object.toRecord(values());
            return new Action(actionId(pageId, index), operation, record);
        }
    }

    /** An action's id while it is in a page: the page's id and its place (a page holds fewer than 2^20 actions). */
    static long actionId(long pageId, int index) {
        return (pageId << 20) | index;
    }

    /** The page an action of a page belongs to. */
    static long pageOf(long actionId) {
        return actionId >>> 20;
    }

    static int indexOf(long actionId) {
        return (int) (actionId & 0xFFFFF);
    }

    /** Encodes actions for one target, in order. */
    static final class Writer {
        private final List<FieldSpec> fields;
        private final Bytes body = new Bytes(1 << 14);
        private final String origin;
        private int count;

        Writer(DataObject target, String origin) {
            this.fields = target.fields();
            this.origin = origin;
        }

        void add(Operation operation, String key, DataRecord record) {
            body.put(operation.ordinal());
            body.putString(key);
            for (FieldSpec f : fields) {
                RecordCodec.write(body, record.get(f.name()));
            }
            count++;
        }

        int count() {
            return count;
        }

        byte[] toBytes() {
            Bytes out = new Bytes(body.size() + 256);
            out.put(FORMAT);
            out.putString(origin);
            out.putVarint(fields.size());
            fields.forEach(f -> out.putString(f.name()));
            out.putVarint(count);
            out.put(body.array(), 0, body.size());
            return out.toArray();
        }
    }

    /** The origin, the field names and the actions of a stored page, from the first not yet closed. */
    record Decoded(String origin, List<String> names, List<Queued> actions) {

        /** Whether the page's field names are the object's, in its order (the target did not change since). */
        boolean inFieldOrderOf(DataObject object) {
            return object.fields().stream().map(FieldSpec::name).toList().equals(names);
        }
    }

    static Decoded read(byte[] data, int from) {
        Bytes.Reader in = new Bytes.Reader(data);
        int format = in.get();
        if (format != FORMAT) {
            throw new IllegalStateException("queued action page has format " + format + "; this platform reads " + FORMAT);
        }
        String origin = in.getString();
        int n = (int) in.getVarint();
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = in.getString();
        }
        List<String> fieldNames = List.of(names);
        int count = (int) in.getVarint();
        List<Queued> actions = new ArrayList<>(count - from);
        for (int a = 0; a < count; a++) {
            Operation op = OPERATIONS[in.get()];
            String key = in.getString();
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = RecordCodec.read(in);
            }
            if (a >= from) {
                actions.add(new Queued(a, op, key, fieldNames, row));
            }
        }
        return new Decoded(origin, fieldNames, actions);
    }
}
