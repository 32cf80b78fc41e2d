package dev.ferry.engine.expression;

import dev.ferry.engine.json.RecordJson;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.module.loaders.BuiltinModuleLoader;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Predicate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Language;
import org.apache.camel.support.DefaultExchange;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The expression languages a flow's stages are written in, both Camel's: {@code simple} (a record's fields are the
 * headers, {@code ${header.email}}, and the record is the body; an integration config is an exchange property,
 * {@code ${exchangeProperty.country}}) and
 * {@code jq} (the record is a JSON object, {@code .email | ascii_downcase}; a config is {@code property("country")}).
 */
public final class FlowLanguages {

    public static final String SIMPLE = "simple";
    public static final String JQ = "jq";

    /** "net.thisptr.jackson.jq.exception.JsonQueryException: " before a message. */
    private static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

    private static CamelContext checking;

    private FlowLanguages() {
    }

    /**
     * Gives a CamelContext the jq builtins ({@code ascii_downcase}, {@code round}, …). Camel's jq language loads them
     * through the context's application class loader, which in OSGi is the engine's and does not see jackson-jq's
     * resources; a root scope in the registry, loaded by jackson-jq's own class loader, is used instead.
     */
    public static void addJqBuiltins(CamelContext context) {
        Scope scope = Scope.newEmptyScope();
        scope.setModuleLoader(BuiltinModuleLoader.getInstance());
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
        context.getRegistry().bind("ferry.jq.scope", Scope.class, scope);
    }

    /** A value's expression compiled for evaluation in this context. */
    public static Expression expression(CamelContext context, String language, String text) {
        Language lang = context.resolveLanguage(language);
        Expression e = lang.createExpression(text);
        e.init(context);
        return e;
    }

    /** A filter's expression compiled as a predicate for this context. */
    public static Predicate predicate(CamelContext context, String language, String text) {
        Language lang = context.resolveLanguage(language);
        Predicate p = lang.createPredicate(text);
        p.init(context);
        return p;
    }

    /**
     * Compiles an expression to see whether it is valid: the reason it is not, or empty. Products are checked with
     * this when they load ({@link dev.ferry.engine.descriptor.ExpressionCheck}), so a syntax error is a descriptor
     * error with its path.
     */
    public static Optional<String> problem(String language, String text, boolean predicate) {
        if (text.isBlank()) {
            return Optional.of("is empty");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CamelContext.class.getClassLoader()); // Camel finds its languages through it
        try {
            CamelContext context = checkingContext();
            Expression compiled = predicate ? null : expression(context, language, text);
            if (predicate) {
                predicate(context, language, text);
            }
            if (language.equals(JQ)) {
                return unknownJqFunction(context, compiled != null ? compiled : expression(context, language, text));
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("is not a valid " + language + " expression: " + reason(e));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * jq looks its functions up when it runs, so a misspelt one ({@code ascii_downcas}) would only be found on the
     * first record: the expression is run once on an empty object, and only "does not exist" counts (anything else,
     * such as arithmetic on the missing fields, is the empty object's fault).
     */
    private static Optional<String> unknownJqFunction(CamelContext context, Expression jq) {
        Exchange probe = new DefaultExchange(context);
        probe.getIn().setBody(RecordJson.MAPPER.createObjectNode());
        try {
            jq.evaluate(probe, Object.class);
        } catch (RuntimeException | StackOverflowError e) {
            probe.setException(e instanceof RuntimeException re ? re : new IllegalStateException(e));
        }
        String message = probe.getException() == null ? "" : reason(probe.getException());
        return message.contains("does not exist") ? Optional.of("is not a valid jq expression: " + message) : Optional.empty();
    }

    /**
     * An exception's message in a user's words: that of the first cause with a message of its own (not a wrapper's
     * "SomeException: …"), its first line, without an exception class Camel or jq put first.
     */
    public static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().contains("Exception"))) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.lines().findFirst().orElse(m);
        return CLASS_PREFIX.matcher(m).replaceFirst("");
    }

    /** Stops the context expressions are checked in (when the engine stops). */
    public static synchronized void stopChecking() {
        if (checking != null) {
            checking.stop();
            checking = null;
        }
    }

    /** The value of a jq result as a record value (a JSON number, string, boolean, null, or an object / array). */
    public static Object fromJson(Object result) {
        if (result instanceof com.fasterxml.jackson.databind.JsonNode node) {
            if (node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isTextual()) {
                return node.textValue();
            }
            if (node.isIntegralNumber()) {
                return node.bigIntegerValue().bitLength() < 64 ? (Object) node.longValue() : node.decimalValue();
            }
            if (node.isNumber()) {
                return node.decimalValue();
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            return RecordJson.MAPPER.convertValue(node, Object.class);
        }
        return result;
    }

    private static synchronized CamelContext checkingContext() {
        if (checking == null) {
            DefaultCamelContext context = new DefaultCamelContext();
            context.getCamelContextExtension().setName("ferry-expression-check");
            context.setApplicationContextClassLoader(FlowLanguages.class.getClassLoader());
            addJqBuiltins(context);
            context.build();
            checking = context;
        }
        return checking;
    }
}
