package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void resourcesCloseSideBySideAndFoundationsAfterThemInReverseOrder() {
        List<String> closed = new CopyOnWriteArrayList<>();
        // Each of the two waits for the other to have begun closing: they finish only if closed at once.
        CountDownLatch aStarted = new CountDownLatch(1);
        CountDownLatch bStarted = new CountDownLatch(1);
        Lifecycle life = new Lifecycle("test");
        life.addFoundation(() -> closed.add("broker"));
        life.addFoundation(() -> {
            assertThat(closed).as("what runs on the foundations closes first").contains("a", "b");
            closed.add("watcher");
        });
        life.add(() -> {
            aStarted.countDown();
            closed.add(bStarted.await(10, TimeUnit.SECONDS) ? "a" : "a alone");
        });
        life.add(() -> {
            bStarted.countDown();
            closed.add(aStarted.await(10, TimeUnit.SECONDS) ? "b" : "b alone");
        });

        life.close();

        assertThat(closed).hasSize(4);
        assertThat(closed.subList(0, 2)).containsExactlyInAnyOrder("a", "b");
        assertThat(closed.subList(2, 4)).containsExactly("watcher", "broker");
    }

    @Test
    void oneFailingResourceDoesNotKeepTheOthersOpen() {
        List<String> closed = new CopyOnWriteArrayList<>();
        Lifecycle life = new Lifecycle("test");
        life.addFoundation(() -> closed.add("broker"));
        life.add(() -> closed.add("streams"));
        life.add(() -> {
            throw new IllegalStateException("stuck");
        });

        life.close();
        life.close(); // exactly once

        assertThat(closed).containsExactly("streams", "broker");
    }
}
