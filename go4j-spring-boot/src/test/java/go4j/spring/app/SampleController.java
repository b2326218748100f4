package go4j.spring.app;

import go4j.Chan;
import go4j.Go;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SampleController {
    private final SampleService service;

    public SampleController(SampleService service) {
        this.service = service;
    }

    /** Where this request is handled. */
    @GetMapping("/where")
    public String where() {
        return Where.here().toString();
    }

    /** Where an {@code @Async} method called from this request ran. */
    @GetMapping("/async")
    public String async() {
        return service.where().join().toString();
    }

    /** Where Spring MVC ran this request's {@link Callable} (its async-request executor). */
    @GetMapping("/callable")
    public Callable<String> callable() {
        return () -> Where.here().toString();
    }

    /**
     * Starts a goroutine that blocks for ever on a channel only it can see, and answers where that
     * goroutine ran (so with its id) once it is about to block.
     */
    @GetMapping("/leak")
    public String leak() {
        Chan<String> nobodyElseHasIt = Chan.make();
        CompletableFuture<Where> started = new CompletableFuture<>();
        Go.go(() -> {
            started.complete(Where.here());
            nobodyElseHasIt.recv();
        });
        return started.join().toString();
    }
}
