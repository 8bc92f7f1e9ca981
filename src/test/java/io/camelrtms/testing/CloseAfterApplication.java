package io.camelrtms.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes the test class's static {@link AutoCloseable} fields (a Kafka broker, a port forward) after the
 * Spring application under test is closed, not before as an {@code @AfterAll} method would: an
 * application whose Kafka clients lose their broker first waits up to Kafka's 30 s close timeout. Put
 * {@code @ExtendWith(CloseAfterApplication.class)} above the Spring test annotation (extensions are
 * called back after all in the reverse order of their declaration), with {@code @DirtiesContext}.
 */
public final class CloseAfterApplication implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (Field f : context.getRequiredTestClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers())
                    && AutoCloseable.class.isAssignableFrom(f.getType())) {
                f.setAccessible(true);
                AutoCloseable resource = (AutoCloseable) f.get(null);
                if (resource != null) {
                    resource.close();
                    f.set(null, null);
                }
            }
        }
    }
}
