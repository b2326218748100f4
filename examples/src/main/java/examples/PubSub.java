package examples;

import static go4j.Go.go;

import go4j.Chan;
import go4j.Select;
import go4j.sync.WaitGroup;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Publish/subscribe with one broker goroutine that owns the subscriber set and {@code select}s
 * over four channels: stop, subscribe, unsubscribe, publish. No lock anywhere: only the broker
 * touches the set ("share memory by communicating"). A message goes to each subscriber without
 * waiting: a subscriber whose buffer is full misses it ({@code select} with {@code default}), so
 * one slow reader cannot stall the others.
 *
 * <pre>
 *   ./go4j run examples/src/main/java/examples/PubSub.java
 * </pre>
 */
public final class PubSub {

    /** The broker: Go's {@code struct{ stopCh chan struct{}; publishCh chan T; subCh, unsubCh chan chan T }}. */
    public static final class Broker<T> {
        private final Chan<Void> stopCh = Chan.make();
        private final Chan<T> publishCh = Chan.make(); // unbuffered: publish returns once the broker has the message
        private final Chan<Chan<T>> subCh = Chan.make();
        private final Chan<Chan<T>> unsubCh = Chan.make();
        /** Owned by the broker goroutine alone. */
        private final Set<Chan<T>> subs = new LinkedHashSet<>();
        /** Counts messages dropped for full subscribers; owned by the broker goroutine. */
        private long dropped;
        private final Chan<Long> stopped = Chan.make(1);

        /** Starts the broker goroutine. */
        public Broker<T> start() {
            go(this::loop);
            return this;
        }

        private void loop() {
            boolean[] running = {true};
            while (running[0]) {
                Select.select(
                        Select.recv(stopCh, v -> {
                            for (Chan<T> s : subs) s.close();
                            running[0] = false;
                        }),
                        Select.recv(subCh, subs::add),
                        Select.recv(unsubCh, s -> {
                            if (subs.remove(s)) s.close();
                        }),
                        Select.recv(publishCh, msg -> {
                            for (Chan<T> s : subs) {
                                if (!s.trySend(msg)) dropped++; // select { case s <- msg: default: }
                            }
                        }));
            }
            stopped.send(dropped);
        }

        /** A new subscription: a channel with room for {@code buffer} messages, closed on unsubscribe or stop. */
        public Chan<T> subscribe(int buffer) {
            Chan<T> s = Chan.make(buffer);
            subCh.send(s);
            return s;
        }

        /** Ends a subscription; its channel is closed once the messages already in it are read. */
        public void unsubscribe(Chan<T> s) { unsubCh.send(s); }

        /** Hands {@code msg} to the broker, for every current subscriber. */
        public void publish(T msg) { publishCh.send(msg); }

        /** Stops the broker after the messages already published; closes every subscription; returns how many deliveries were dropped. */
        public long stop() {
            stopCh.close();
            return stopped.recv();
        }
    }

    /**
     * Three subscribers read until their channel closes; {@code late} unsubscribes halfway.
     * Returns what each one received, in order.
     */
    public static List<List<String>> run(int messages) {
        Broker<String> broker = new Broker<String>().start();
        List<List<String>> received = new ArrayList<>();
        WaitGroup readers = new WaitGroup();
        List<Chan<String>> subs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Chan<String> s = broker.subscribe(messages);
            List<String> got = new ArrayList<>();
            received.add(got);
            subs.add(s);
            readers.go(() -> {
                for (String msg : s) got.add(msg); // range: until the broker closes s
            });
        }
        for (int i = 0; i < messages; i++) {
            if (i == messages / 2) broker.unsubscribe(subs.get(2));
            broker.publish("msg " + i);
        }
        broker.stop();
        readers.await();
        return received;
    }

    public static void main(String[] args) {
        List<List<String>> got = run(6);
        for (int i = 0; i < got.size(); i++) System.out.println("subscriber " + i + " got " + got.get(i));
    }
}
