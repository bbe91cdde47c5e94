package io.presencestream.codec;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Bodies of the webhook formats other than presence-stream's event JSON. */
public final class WebhookJson {

  private WebhookJson() {}

  /**
   * {@code {"text":"…"}}: the message body Slack's and Microsoft Teams' incoming webhooks accept.
   *
   * @param text the message, escaped here for JSON (not for the chat's own markup)
   * @return the body as compact JSON
   */
  public static String text(String text) {
    return "{\"text\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"}";
  }
}
