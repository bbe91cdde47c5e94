package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PresenceCodecConcurrencyTest {

  @Test
  @Timeout(30)
  void oneCodecSharedByManyThreadsDecodesAndEncodesAsOneThreadDoes() throws Exception {
    PresenceCodec codec = PresenceCodec.create();
    byte[] sip = Samples.bytes("event_detailed-extension-presence-with-sip.json");
    byte[] frame = Samples.bytes("fixtures/ringcentral-mock__ws__serverNotification.json");
    Notification expectedSip = codec.decodeMessage(sip);
    Notification expectedFrame = codec.decodeMessage(frame);
    byte[] expectedWire = codec.encodeNotification(expectedSip);

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        tasks.add(
            () -> {
              for (int i = 0; i < 500; i++) {
                if (!codec.decodeMessage(sip).equals(expectedSip)
                    || !codec.decodeMessage(frame).equals(expectedFrame)
                    || !java.util.Arrays.equals(codec.encodeNotification(expectedSip), expectedWire)) {
                  return false;
                }
                try {
                  codec.decodeMessage("{\"broken\":");
                  return false;
                } catch (DecodeException expected) {
                  // as it should
                }
              }
              return true;
            });
      }
      for (Future<Boolean> result : pool.invokeAll(tasks, 25, TimeUnit.SECONDS)) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
