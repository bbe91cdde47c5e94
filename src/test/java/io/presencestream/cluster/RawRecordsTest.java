package io.presencestream.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.codec.DecodeException;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.EngineInput;
import io.presencestream.testing.SessionInputs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RawRecordsTest {

  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00.000Z");
  private final RawRecords raw = new RawRecords(PresenceCodec.create(), "presence.raw");

  @Test
  void notificationsAndSnapshotsSurviveTheRawTopicUnchanged() {
    List<EngineInput> inputs = OfficeTraffic.generate(9, 4, 60, T0);

    for (EngineInput input : inputs) {
      ProducerRecord<String, byte[]> record = raw.toRecord(input);

      assertThat(record.key()).isEqualTo(RawRecords.extensionId(input));
      assertThat(raw.toInput(consumed(record.key(), record.value(), record.headers()))).isEqualTo(input);
    }
  }

  @Test
  void carriesKindAndReceiveTimeInHeaders() {
    EngineInput snapshot = OfficeTraffic.generate(9, 1, 0, T0).get(0);

    Headers headers = raw.toRecord(snapshot).headers();

    assertThat(RawRecords.header(headers, RawRecords.KIND_HEADER)).isEqualTo("snapshot");
    assertThat(RawRecords.header(headers, RawRecords.RECEIVED_AT_HEADER)).isEqualTo("2026-11-26T09:00:00Z");
  }

  @Test
  void rejectsRecordsWithoutHeadersAsWrongShape() {
    assertThatThrownBy(() -> raw.toInput(consumed("101", "{}".getBytes(StandardCharsets.UTF_8), new RecordHeaders())))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE));
  }

  @Test
  void rejectsAnUnknownKindOrABadReceiveTime() {
    assertThatThrownBy(() -> raw.toInput(consumed("101", "{}".getBytes(StandardCharsets.UTF_8), headers("telegram", T0.toString()))))
        .isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> raw.toInput(consumed("101", "{}".getBytes(StandardCharsets.UTF_8), headers("snapshot", "yesterday"))))
        .isInstanceOf(DecodeException.class);
  }

  @Test
  void passesTheCodecsVerdictOnABadValue() {
    assertThatThrownBy(() -> raw.toInput(consumed("101", "{oops".getBytes(StandardCharsets.UTF_8), headers("notification", T0.toString()))))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.NOT_JSON));
  }

  @Test
  void aTelephonySessionShareTravelsWithItsNotificationUnchangedKeyedByItsExtension() {
    List<EngineInput> traffic = SessionTraffic.recorded(T0);
    int shares = 0;
    for (EngineInput input : traffic) {
      if (!(input instanceof EngineInput.TelephonySessionReceived t)) {
        continue;
      }
      for (String extension : List.of("809646016", "101")) {
        EngineInput.TelephonySessionReceived share = t.shareFor(extension);
        ProducerRecord<String, byte[]> record = raw.toRecord(share);

        assertThat(record.key()).isEqualTo(extension);
        assertThat(RawRecords.header(record.headers(), RawRecords.KIND_HEADER)).isEqualTo("telephony-session");
        assertThat(RawRecords.header(record.headers(), RawRecords.RECEIVED_AT_HEADER))
            .isEqualTo(t.receivedAt().toString());
        assertThat(raw.toInput(consumed(record.key(), record.value(), record.headers()))).isEqualTo(share);
        shares++;
      }
    }
    assertThat(shares).isGreaterThan(100);
  }

  @Test
  void anExtensionsOwnTelephonySessionNotificationIsItsShareAndAnAccountLevelOneMustBeSplit() {
    EngineInput.TelephonySessionReceived own = SessionInputs.ReadmeCall.proceeding();
    EngineInput.TelephonySessionReceived accountLevel = (EngineInput.TelephonySessionReceived) SessionTraffic
        .generated(1, 3, 1, T0).get(0);

    assertThat(raw.toRecord(own).key()).isEqualTo("101");
    assertThat(raw.toInput(consumed("101", raw.toRecord(own).value(), raw.toRecord(own).headers())))
        .isEqualTo(own.shareFor("101"));
    assertThat(accountLevel.notification().body().extensionId()).isNull();
    assertThatThrownBy(() -> raw.toRecord(accountLevel)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsATelephonySessionRecordWithoutKeyOrWithABadValue() {
    byte[] value = raw.toRecord(SessionInputs.ReadmeCall.proceeding()).value();

    assertThatThrownBy(() -> raw.toInput(consumed(null, value, headers("telephony-session", T0.toString()))))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE));
    assertThatThrownBy(() -> raw.toInput(consumed("101",
        raw.toRecord(OfficeTraffic.generate(9, 1, 0, T0).get(0)).value(), headers("telephony-session", T0.toString()))))
        .isInstanceOfSatisfying(DecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.NOT_TELEPHONY_SESSION));
  }

  private static Headers headers(String kind, String receivedAt) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(RawRecords.KIND_HEADER, kind.getBytes(StandardCharsets.UTF_8));
    headers.add(RawRecords.RECEIVED_AT_HEADER, receivedAt.getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  private static ConsumerRecord<String, byte[]> consumed(String key, byte[] value, Headers headers) {
    return new ConsumerRecord<>("presence.raw", 0, 0L, 0L, TimestampType.CREATE_TIME, -1, -1, key, value, headers,
        Optional.empty());
  }
}
