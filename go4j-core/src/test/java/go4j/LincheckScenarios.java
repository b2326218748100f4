package go4j;

import java.lang.reflect.Method;
import java.util.List;
import kotlin.Unit;
import kotlin.reflect.KFunction;
import kotlin.reflect.jvm.ReflectJvmMapping;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.CustomScenarioDSLKt;
import org.jetbrains.lincheck.datastructures.DSLThreadScenario;

/**
 * Test support: Lincheck scenarios written by hand, for checks where random scenarios would
 * mostly block by construction (a wait with nobody to end it) or seldom reach the path under test.
 */
public final class LincheckScenarios {
    private LincheckScenarios() {}

    /**
     * What a sequential model throws where it would have to wait: no real execution produces it,
     * so a linearization that needs it is refused (a receive before its send, a wait before the
     * count reaches zero).
     */
    public static final class Blocked extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** One actor: an operation's method name and its arguments. */
    public record Op(String name, Object... args) {}

    public static Op op(String name, Object... args) {
        return new Op(name, args);
    }

    /** A scenario of {@code ops}'s operations: {@code initial} run first, then one list per parallel thread. */
    @SafeVarargs
    public static ExecutionScenario scenario(Class<?> ops, List<Op> initial, List<Op>... threads) {
        return CustomScenarioDSLKt.scenario(b -> {
            if (!initial.isEmpty()) {
                b.initial(t -> {
                    for (Op o : initial) actor(t, ops, o);
                    return Unit.INSTANCE;
                });
            }
            b.parallel(p -> {
                for (List<Op> thread : threads) {
                    p.thread(t -> {
                        for (Op o : thread) actor(t, ops, o);
                        return Unit.INSTANCE;
                    });
                }
                return Unit.INSTANCE;
            });
            return Unit.INSTANCE;
        });
    }

    private static void actor(DSLThreadScenario t, Class<?> ops, Op o) {
        for (Method m : ops.getMethods()) {
            if (m.getName().equals(o.name()) && m.getParameterCount() == o.args().length) {
                KFunction<?> f = ReflectJvmMapping.getKotlinFunction(m);
                if (f == null) throw new IllegalStateException("no Kotlin view of " + m);
                t.actor(f, o.args());
                return;
            }
        }
        throw new IllegalArgumentException("no operation " + o.name());
    }
}
