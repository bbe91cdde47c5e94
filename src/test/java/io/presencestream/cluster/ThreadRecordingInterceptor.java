package io.presencestream.cluster;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A real producer interceptor (configured through {@code interceptor.classes}) that records the
 * threads {@code KafkaProducer.send} was called on: {@code onSend} runs inside {@code send}.
 */
public final class ThreadRecordingInterceptor implements ProducerInterceptor<String, byte[]> {

  static final Set<String> SEND_THREADS = ConcurrentHashMap.newKeySet();

  @Override
  public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
    SEND_THREADS.add(Thread.currentThread().getName());
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
