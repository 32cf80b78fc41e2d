package dev.ferry.connector.api.data;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The values of a record a {@link DataObject} built: one array in field order, the field names being those of the
 * object (shared by all its records, not copied). A read of a million rows makes a million of these, so they are
 * kept small: an array and a reference, where a hash map would add a table and an entry object per field. Finding
 * a field by name scans the names, comparing references first (names are interned), which is as fast as hashing for
 * the few dozen fields an object has; objects with more fields get hash maps instead ({@link #MAX_FIELDS}).
 * Immutable, like every record's values.
 */
final class FieldRow extends AbstractMap<String, Object> {

    /** Objects with more fields than this build their records' values as hash maps. */
    static final int MAX_FIELDS = 32;

    private final List<FieldSpec> fields;
    private final Object[] values;

    /** Values for {@code fields}, in their order: the array is the row's own from now on. */
    FieldRow(List<FieldSpec> fields, Object[] values) {
        this.fields = fields;
        this.values = values;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < values.length; i++) {
            String field = fields.get(i).name();
            // field names are interned (FieldSpec), so a caller holding a field's name usually finds it by identity
            if (field == name || field.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Collection<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < values.length; i++) {
            action.accept(fields.get(i).name(), values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(fields.get(i).name(), values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }
}
