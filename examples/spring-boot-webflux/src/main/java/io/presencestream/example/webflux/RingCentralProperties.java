package io.presencestream.example.webflux;

import io.presencestream.ringcentral.ExtensionSelection;
import io.presencestream.ringcentral.RingCentralOptions;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code presence.ringcentral.*}: the account to follow. application.properties takes the credentials
 * from the environment ({@code RINGCENTRAL_CLIENT_ID}, {@code RINGCENTRAL_CLIENT_SECRET},
 * {@code RINGCENTRAL_JWT}), never from a file.
 */
@ConfigurationProperties("presence.ringcentral")
public record RingCentralProperties(URI serverUrl, String clientId, String clientSecret, String jwt, String extensions) {

  RingCentralOptions toOptions() {
    return RingCentralOptions.builder(serverUrl, clientId, clientSecret, jwt)
        .extensions(ExtensionSelection.parse(extensions))
        .build();
  }

  @Override
  public String toString() {
    return "RingCentralProperties[serverUrl=" + serverUrl + ", extensions=" + extensions + "]";
  }
}
