package io.presencestream.example.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A Spring Boot WebFlux application that embeds presence-stream: the engine fed by the RingCentral
 * client, its events as Server-Sent Events on {@code /events}, the state on {@code /api/state}.
 */
@SpringBootApplication
@EnableConfigurationProperties(RingCentralProperties.class)
public class PresenceStreamApplication {

  public static void main(String[] args) {
    SpringApplication.run(PresenceStreamApplication.class, args);
  }
}
