package io.presencestream.simulator;

import io.presencestream.codec.DecodeException;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.TelephonySessionCodec;
import io.presencestream.model.EngineInput;
import io.presencestream.model.Notification;
import io.presencestream.model.TelephonySessionNotification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's traffic with the telephony-session feed, as engine inputs, for tests outside this package
 * (the Kafka equivalence test): a real WebSocket subscription to the account's telephony sessions and every
 * extension's detailed presence receives every kind of call played once, then seeded random traffic; each
 * frame is decoded by the codec and received at its envelope's {@code timestamp}.
 */
public final class SimulatorSessionTraffic {

  private static final Duration T = SimClient.TIMEOUT;

  private SimulatorSessionTraffic() {}

  /**
   * Records the inputs a subscriber gets.
   *
   * @param extensions the office's size
   * @param seed the random traffic's seed
   * @param randomSteps random steps after the scripted calls
   * @return presence and telephony-session inputs, in the order they arrived
   */
  public static List<EngineInput> record(int extensions, long seed, int randomSteps) {
    TelephonySessionCodec sessions = TelephonySessionCodec.create();
    PresenceCodec presence = PresenceCodec.create();
    RingCentralSimulator sim = RingCentralSimulator.start(
        SimulatorOptions.builder().extensions(extensions).seed(seed).eventsPerSecond(0).build());
    try {
      SimClient client = new SimClient(sim);
      try (WsProbe probe = client.connect()) {
        probe.next(T);
        List<String> filters = new ArrayList<>(List.of("/restapi/v1.0/account/~/telephony/sessions?sipData=true"));
        sim.directory().forEach(e ->
            filters.add("/restapi/v1.0/account/~/extension/" + e.extensionId() + "/presence" + SimClient.PRESENCE_FLAGS));
        if (client.subscribe(probe, filters).header().status() != 200) {
          throw new AssertionError("subscription refused");
        }
        List<EngineInput> inputs = new ArrayList<>();
        for (String kind : ScenarioGenerator.KINDS) {
          Scenario scenario = sim.traffic().start(kind);
          while (!scenario.done()) {
            long before = sim.stats().notificationsSent();
            sim.traffic().advance(scenario);
            receive(probe, sim.stats().notificationsSent() - before, sessions, presence, inputs);
          }
        }
        for (int i = 0; i < randomSteps; i++) {
          long before = sim.stats().notificationsSent();
          sim.traffic().step();
          receive(probe, sim.stats().notificationsSent() - before, sessions, presence, inputs);
        }
        return inputs;
      }
    } finally {
      sim.close();
    }
  }

  private static void receive(WsProbe probe, long count, TelephonySessionCodec sessions, PresenceCodec presence,
      List<EngineInput> inputs) {
    for (long i = 0; i < count; i++) {
      String text = probe.nextText(T);
      try {
        TelephonySessionNotification n = sessions.decodeNotification(text);
        inputs.add(new EngineInput.TelephonySessionReceived(n, n.timestamp()));
      } catch (DecodeException notTelephony) {
        Notification n = presence.decodeMessage(text);
        inputs.add(new EngineInput.NotificationReceived(n, n.timestamp()));
      }
    }
  }
}
