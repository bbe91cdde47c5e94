package io.presencestream.ringcentral;

import java.time.Duration;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

class MultiProducerSinksTest {

  private static final int THREADS = 3;
  private static final int PER_THREAD = 20_000;

  @Test
  void multiProducerUnicastAcceptsAndDeliversEveryValueEmittedFromSeveralThreads() throws Exception {
    // A Sinks.many() sink refuses thousands of these values here with FAIL_NON_SERIALIZED.
    Sinks.Many<Integer> sink = MultiProducerSinks.unicast();
    AtomicLong received = new AtomicLong();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicLong work = new AtomicLong();
    Disposable consumer = sink.asFlux().subscribe(v -> {
      if (inside.incrementAndGet() > 1) {
        overlaps.incrementAndGet(); // onNext must never run concurrently (Reactive Streams §1.3)
      }
      received.incrementAndGet();
      for (int i = 0; i < 50; i++) {
        work.addAndGet(i ^ v); // a consumer that takes a little time widens the window emitters meet in
      }
      inside.decrementAndGet();
    });
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(THREADS);
    for (int t = 0; t < THREADS; t++) {
      Thread emitter = new Thread(() -> {
        try {
          go.await();
          for (int i = 0; i < PER_THREAD; i++) {
            if (sink.tryEmitNext(i).isFailure()) {
              failures.incrementAndGet();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      });
      emitter.setDaemon(true);
      emitter.start();
    }
    go.countDown();
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> received.get() >= (long) THREADS * PER_THREAD);
    consumer.dispose();

    assertThat(failures).hasValue(0);
    assertThat(received).hasValue((long) THREADS * PER_THREAD);
    assertThat(overlaps).hasValue(0);
  }

  @Test
  void aBoundedMultiProducerUnicastRefusesBeyondItsCapacityWithOverflowOnly() {
    Sinks.Many<Integer> sink = MultiProducerSinks.unicast(2);
    java.util.List<Integer> received = new java.util.ArrayList<>();
    reactor.core.publisher.BaseSubscriber<Integer> slow = new reactor.core.publisher.BaseSubscriber<>() {
      @Override
      protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
        // no demand yet
      }

      @Override
      protected void hookOnNext(Integer value) {
        received.add(value);
      }
    };
    sink.asFlux().subscribe(slow);

    assertThat(sink.tryEmitNext(1)).isEqualTo(Sinks.EmitResult.OK);
    assertThat(sink.tryEmitNext(2)).isEqualTo(Sinks.EmitResult.OK);
    assertThat(sink.tryEmitNext(3)).isEqualTo(Sinks.EmitResult.FAIL_OVERFLOW);
    slow.request(1);
    assertThat(sink.tryEmitNext(4)).isEqualTo(Sinks.EmitResult.OK);
    slow.request(10);

    assertThat(received).containsExactly(1, 2, 4);
    slow.dispose();
  }
}
