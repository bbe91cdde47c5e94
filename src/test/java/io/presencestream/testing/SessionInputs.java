package io.presencestream.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.codec.TelephonySessionCodec;
import io.presencestream.model.EngineInput;
import io.presencestream.model.TelephonySessionNotification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Telephony-session inputs for engine, codec and server tests: the recorded streams of
 * {@code src/test/resources/telephony-session-samples} (see its PROVENANCE.md) decoded by the real codec, and
 * the call the README's event examples describe, written as RingCentral's notifications.
 */
public final class SessionInputs {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TelephonySessionCodec CODEC = TelephonySessionCodec.create();

  private SessionInputs() {}

  /**
   * A recorded stream (a JSON array of notification envelopes), each received at its envelope's
   * {@code timestamp}, in the file's order.
   *
   * @param file a {@code STREAM} file of the samples folder, e.g. {@code csn-data_RingCentral-RingCentral.CONVERTED.json}
   * @return the inputs, decoded
   */
  public static List<EngineInput.TelephonySessionReceived> recorded(String file) {
    try (InputStream in = SessionInputs.class.getResourceAsStream("/telephony-session-samples/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + file);
      }
      List<EngineInput.TelephonySessionReceived> inputs = new ArrayList<>();
      for (JsonNode envelope : JSON.readTree(in)) {
        TelephonySessionNotification n = CODEC.decodeNotification(envelope.toString());
        inputs.add(new EngineInput.TelephonySessionReceived(n, n.timestamp()));
      }
      return inputs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One notification, decoded from its JSON, received when given.
   *
   * @param envelopeJson the envelope as RingCentral sends it
   * @param receivedAt its receive time
   * @return the input
   */
  public static EngineInput.TelephonySessionReceived received(String envelopeJson, Instant receivedAt) {
    return new EngineInput.TelephonySessionReceived(CODEC.decodeNotification(envelopeJson), receivedAt);
  }

  /**
   * The call of the README's examples, as extension 101's extension-level subscription reports it: Charlie
   * Williams ({@code +16505550123}) calls Bob Brown (extension 101, party {@code p-e1e9…-2} of session
   * {@code s-e1e9…}); it rings from 10:00:00.250, is answered and recorded at 10:00:04.490 and hung up at
   * 10:01:39.490 (eventTimes; each received 30 ms later).
   */
  public static final class ReadmeCall {
    /** The session of the call. */
    public static final String TELEPHONY_SESSION_ID = "s-e1e9696d863742758a18654dcc22a2fd";
    /** The legacy session id of the call. */
    public static final String SESSION_ID = "118139217021";
    /** Extension 101's party in it. */
    public static final String PARTY_ID = "p-e1e9696d863742758a18654dcc22a2fd-2";

    private ReadmeCall() {}

    /** {@return the party rings (Proceeding), eventTime 10:00:00.250} */
    public static EngineInput.TelephonySessionReceived proceeding() {
      return notification(1, "2026-11-26T10:00:00.250Z", "{\"code\":\"Proceeding\"}", "");
    }

    /** {@return the party answered, and recording started, eventTime 10:00:04.490} */
    public static EngineInput.TelephonySessionReceived answeredAndRecorded() {
      return notification(2, "2026-11-26T10:00:04.490Z", "{\"code\":\"Answered\"}",
          ",\"recordings\":[{\"id\":\"r-2207319016\",\"active\":true}]");
    }

    /** {@return the call was hung up (Disconnected, CallFinished), eventTime 10:01:39.490} */
    public static EngineInput.TelephonySessionReceived hungUp() {
      return notification(3, "2026-11-26T10:01:39.490Z", "{\"code\":\"Disconnected\",\"reason\":\"CallFinished\"}",
          ",\"recordings\":[{\"id\":\"r-2207319016\",\"active\":false}]");
    }

    /**
     * Another notification of the same session and party, e.g. a move to another device:
     * {@code notification(2, "2026-11-26T10:00:10Z", "{\"code\":\"Disconnected\",\"reason\":\"CallSwitch\"}", "")}.
     *
     * @param sequence the notification's sequence
     * @param eventTime the platform's time of the change (received 30 ms later)
     * @param status the party's {@code status} object as JSON
     * @param more further party fields as JSON, each with a leading comma, or empty
     * @return the input
     */
    public static EngineInput.TelephonySessionReceived notification(
        long sequence, String eventTime, String status, String more) {
      Instant received = Instant.parse(eventTime).plusMillis(30);
      String json = "{\"uuid\":\"u-" + sequence + "\",\"event\":\"/restapi/v1.0/account/37439510/extension/101"
          + "/telephony/sessions\",\"timestamp\":\"" + received + "\",\"subscriptionId\":\"sub-1\",\"ownerId\":\"101\","
          + "\"body\":{\"sequence\":" + sequence + ",\"sessionId\":\"" + SESSION_ID + "\",\"telephonySessionId\":\""
          + TELEPHONY_SESSION_ID + "\",\"serverId\":\"10.13.20.241.TAM\",\"eventTime\":\"" + eventTime + "\","
          + "\"origin\":{\"type\":\"Call\"},\"parties\":[{\"accountId\":\"37439510\",\"extensionId\":\"101\","
          + "\"id\":\"" + PARTY_ID + "\",\"direction\":\"Inbound\","
          + "\"from\":{\"phoneNumber\":\"+16505550123\",\"name\":\"Charlie Williams\"},"
          + "\"to\":{\"phoneNumber\":\"101\",\"name\":\"Bob Brown\",\"extensionId\":\"101\"},"
          + "\"status\":" + status + ",\"missedCall\":false,\"standAlone\":false,\"muted\":false" + more + "}]}}";
      return received(json, received);
    }
  }
}
