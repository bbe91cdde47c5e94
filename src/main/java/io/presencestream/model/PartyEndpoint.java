package io.presencestream.model;

/**
 * A party's {@code from} or {@code to}: who calls or is called. Any field may be null; PSTN numbers carry
 * only {@code phoneNumber}.
 *
 * @param phoneNumber the number, E.164 with {@code +} for outside numbers, or an extension's short number
 * @param name the caller-id or directory name
 * @param extensionId the RingCentral extension, when the endpoint is one
 * @param deviceId the device that placed or takes the call, when known
 */
public record PartyEndpoint(String phoneNumber, String name, String extensionId, String deviceId) {}
