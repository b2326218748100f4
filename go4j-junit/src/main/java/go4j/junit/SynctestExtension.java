package go4j.junit;

import go4j.synctest.Synctest;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The extension behind {@link InBubble}: runs each test method (and each invocation of a
 * parameterized or repeated test) with {@link Synctest#run}, so the method's body is the first
 * goroutine of a new bubble. The test fails with what the body threw, with an exception that
 * escaped another goroutine of the bubble, or with the deadlock report.
 */
public final class SynctestExtension implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        inBubble(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        inBubble(invocation);
    }

    private static void inBubble(Invocation<Void> invocation) throws Throwable {
        try {
            Synctest.run(() -> {
                try {
                    invocation.proceed();
                } catch (Throwable t) {
                    throw new Thrown(t); // carried out of the Runnable as it is
                }
            });
        } catch (Thrown t) {
            Throwable cause = t.getCause();
            for (Throwable s : t.getSuppressed()) cause.addSuppressed(s); // a deadlock after the failure
            throw cause;
        }
    }

    /** Carries whatever the test threw (checked exceptions included) out of the bubble unchanged. */
    private static final class Thrown extends RuntimeException {
        Thrown(Throwable cause) {
            super(cause);
        }
    }
}
