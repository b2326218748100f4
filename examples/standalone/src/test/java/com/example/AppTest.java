package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import go4j.junit.VerifyNoLeaks;
import org.junit.jupiter.api.Test;

/** Passes: every goroutine the computation starts has ended when the test does. */
@VerifyNoLeaks
class AppTest {
    @Test
    void sumsSquaresOnGoroutines() {
        assertEquals(338_350, App.sumOfSquares(100, 4));
    }
}
