package go4j.spring;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link GoroutinesEndpoint}, with {@code go4j.enabled=true} and actuator present. Like every
 * actuator endpoint it must also be exposed to be reachable over HTTP:
 * {@code management.endpoints.web.exposure.include=health,goroutines}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("go4j.enabled")
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
public final class GoroutinesEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    GoroutinesEndpoint goroutinesEndpoint() {
        return new GoroutinesEndpoint();
    }
}
