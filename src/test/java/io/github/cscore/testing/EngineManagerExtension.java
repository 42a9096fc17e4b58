package io.github.cscore.testing;

import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.Method;

/**
 * Injects an {@link NDManager} (a new base manager of the default engine) into an
 * {@code NDManager} parameter and closes it, with every array it still holds, when its scope ends.
 *
 * <p>A parameter of a test method, or of a {@code @BeforeEach} or {@code @AfterEach} method (of
 * the class or of an enclosing class of a {@code @Nested} one), receives the manager of the
 * current test: the same instance everywhere in that test, closed after the test's
 * {@code @AfterEach} methods have run. A parameter of a {@code @BeforeAll} or {@code @AfterAll}
 * method receives the manager of the class (static, or under {@code @TestInstance(PER_CLASS)}):
 * kept across the class's tests, closed after its {@code @AfterAll} methods. A test never gets the
 * class's manager by asking for one in a test method; it gets its own.
 *
 * <pre>
 * &#64;ExtendWith(EngineManagerExtension.class)
 * class CamExplainerTest {
 *
 *     private NDManager manager;
 *
 *     &#64;BeforeEach
 *     void setUp(NDManager manager) {
 *         this.manager = manager;
 *     }
 * }
 * </pre>
 */
public final class EngineManagerExtension implements ParameterResolver, AfterEachCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EngineManagerExtension.class);

    /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
    public EngineManagerExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        // Constructors are left out: which context JUnit hands them depends on the lifecycle.
        return parameter.getParameter().getType() == NDManager.class
                && parameter.getDeclaringExecutable() instanceof Method;
    }

    @Override
    public NDManager resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // Keyed by the context's id: a store also answers with its parents' values, and a test
        // must not be handed its class's manager.
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(context.getUniqueId(), id -> NDManager.newBaseManager(), NDManager.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close(context);
    }

    private static void close(ExtensionContext context) {
        NDManager manager = context.getStore(NAMESPACE).remove(context.getUniqueId(), NDManager.class);
        if (manager != null) {
            manager.close();
        }
    }
}
