package dev.ferry.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.util.Locale;

/** Writes an enum as its lower-case name ({@code succeeded}, {@code standard}); reading ignores case anyway. */
final class LowerCaseEnumSerializer<E extends Enum<E>> extends StdSerializer<E> {
    private static final long serialVersionUID = 1L;

    LowerCaseEnumSerializer(Class<E> type) {
        super(type);
    }

    @Override
    public void serialize(E value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(value.name().toLowerCase(Locale.ROOT));
    }
}
