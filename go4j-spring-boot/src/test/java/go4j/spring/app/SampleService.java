package go4j.spring.app;

import java.util.concurrent.CompletableFuture;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

@Service
public class SampleService {
    @Async
    public CompletableFuture<Where> where() {
        return CompletableFuture.completedFuture(Where.here());
    }
}
