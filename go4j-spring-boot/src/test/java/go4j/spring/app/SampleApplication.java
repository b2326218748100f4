package go4j.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The application the tests start: a controller, an {@code @Async} service, {@code @Scheduled} tasks. */
@SpringBootApplication
@EnableAsync
@EnableScheduling
public class SampleApplication {}
