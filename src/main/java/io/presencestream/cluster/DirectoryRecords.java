package io.presencestream.cluster;

import io.presencestream.codec.CodecLimits;
import io.presencestream.codec.ContactCentreJson;
import io.presencestream.codec.DecodeException;
import io.presencestream.model.Directory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records of the directory topic: one key ({@value #KEY}), so compaction keeps the latest directory only;
 * value = the codec's {@code DIRECTORY} JSON ({@link ContactCentreJson#encodeDirectory}). One directory per
 * deployment: the contact-centre view serves one account.
 */
final class DirectoryRecords {

  /** The key of every directory record. */
  static final String KEY = "directory";

  /**
   * The largest directory record: the topic is created with this {@code max.message.bytes} and the ingest's
   * producer sends up to it (a directory of thousands of users is larger than Kafka's default 1 MB).
   */
  static final int MAX_BYTES = 16 << 20;

  private final ContactCentreJson json = ContactCentreJson.create(CodecLimits.builder().maxDocumentBytes(MAX_BYTES).build());
  private final String topic;

  DirectoryRecords(String topic) {
    this.topic = topic;
  }

  ProducerRecord<String, byte[]> toRecord(Directory directory) {
    return new ProducerRecord<>(topic, null, KEY, json.encodeDirectory(directory));
  }

  /**
   * The directory of a record.
   *
   * @throws DecodeException for a value the codec rejects
   */
  Directory fromRecord(ConsumerRecord<String, byte[]> record) {
    return json.decodeDirectory(record.value());
  }
}
