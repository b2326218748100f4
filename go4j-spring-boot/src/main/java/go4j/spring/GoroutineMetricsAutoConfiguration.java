package go4j.spring;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link GoroutineMeterBinder}, with {@code go4j.enabled=true} and Micrometer present: Spring
 * Boot binds every {@link MeterBinder} bean to the application's meter registries.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("go4j.enabled")
@ConditionalOnClass(MeterBinder.class)
public final class GoroutineMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GoroutineMeterBinder goroutineMeterBinder() {
        return new GoroutineMeterBinder();
    }
}
