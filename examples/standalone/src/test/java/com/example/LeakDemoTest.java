package com.example;

import go4j.Chan;
import go4j.Go;
import go4j.junit.VerifyNoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fails on purpose, naming the goroutine it leaks: its sender waits forever for a receiver that
 * never comes. Off unless {@code -Ddemo.leak=true}, so the project builds.
 */
@VerifyNoLeaks(graceMillis = 200)
@EnabledIfSystemProperty(named = "demo.leak", matches = "true")
class LeakDemoTest {
    @Test
    void forgetsToReceive() {
        Chan<Long> result = Chan.make();
        Go.go(() -> result.send(App.sumOfSquares(10, 2)));
        // ...and returns without result.recv()
    }
}
