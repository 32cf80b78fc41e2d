package dev.ferry.engine.flow;

import dev.ferry.engine.descriptor.ProductDescriptor.ValueDef;
import dev.ferry.engine.expression.FlowLanguages;
import dev.ferry.engine.json.RecordJson;
import org.apache.camel.CamelContext;
import org.apache.camel.Expression;
import org.apache.camel.Predicate;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link ValueDef} compiled for one CamelContext, evaluated on the record a {@link RecordScope} holds. */
final class FlowValue {

    private final Function<RecordScope, Object> value;
    private final Predicate predicate;
    private final boolean json;

    private FlowValue(Function<RecordScope, Object> value, Predicate predicate, boolean json) {
        this.value = value;
        this.predicate = predicate;
        this.json = json;
    }

    /**
     * @param configs   the registration's integration configs (for {@code config} values)
     * @param predicate whether the value is a filter's (an expression is then compiled as a Camel predicate)
     */
    static FlowValue compile(CamelContext context, ValueDef def, Map<String, String> configs, boolean predicate) {
        if (def.field() != null) {
            String field = def.field();
            return new FlowValue(r -> r.values().get(field), null, false);
        }
        if (def.constant() != null) {
            Object constant = def.constant().isNull() ? null : RecordJson.MAPPER.convertValue(def.constant(), Object.class);
            return new FlowValue(r -> constant, null, false);
        }
        if (def.config() != null) {
            String config = configs.get(def.config());
            return new FlowValue(r -> config, null, false);
        }
        boolean json = def.jq() != null;
        String language = json ? FlowLanguages.JQ : FlowLanguages.SIMPLE;
        String text = json ? def.jq() : def.simple();
        if (predicate && !json) {
            // a simple filter is a predicate (its operators are the predicate language's); a jq one is an
            // expression whose value must be true or false, so a misspelt field (null) is reported, not dropped
            return new FlowValue(null, FlowLanguages.predicate(context, language, text), false);
        }
        Expression e = FlowLanguages.expression(context, language, text);
        return new FlowValue(r -> {
            Object v = e.evaluate(r.exchange(json), Object.class);
            r.rethrow();
            if (json && v instanceof List<?> several) {
                if (several.size() != 1) {
                    throw new IllegalArgumentException("the jq expression gives " + several.size() + " values, not one");
                }
                v = several.get(0);
            }
            return json ? FlowLanguages.fromJson(v) : v;
        }, null, json);
    }

    /** {@code ${header.x}}, {@code ${headers.x}}, {@code ${header[x]}}, {@code ${in.header.x}}: the field it names. */
    private static final Pattern HEADER = Pattern.compile("(?:in\\.)?headers?(?:\\.|\\[['\"]?)([A-Za-z0-9_\\-]+)(?=[}\\]'\"])");

    /**
     * The record fields these values' simple expressions read as headers, or null when an expression may read
     * headers in a way this does not recognise (then every field is set as a header).
     */
    static Set<String> headersNamed(List<ValueDef> values) {
        Set<String> fields = new HashSet<>();
        for (ValueDef v : values) {
            if (v.simple() == null) {
                continue;
            }
            Matcher m = HEADER.matcher(v.simple());
            int named = 0;
            while (m.find()) {
                fields.add(m.group(1));
                named++;
            }
            int mentions = v.simple().split("header", -1).length - 1;
            if (mentions != named) {
                return null; // ${headers}, ${headerAs(…)}: all of them
            }
        }
        return fields;
    }

    /** The record's value; an {@link IllegalArgumentException} says why there is none. */
    Object of(RecordScope record) {
        return value.apply(record);
    }

    /** Whether the record passes (a filter); an {@link IllegalArgumentException} says why it cannot be told. */
    boolean test(RecordScope record) {
        if (predicate != null) {
            boolean matches = predicate.matches(record.exchange(json));
            record.rethrow();
            return matches;
        }
        Object v = of(record);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("is " + (v == null ? "empty" : "'" + v + "'") + ", not true or false");
    }
}
