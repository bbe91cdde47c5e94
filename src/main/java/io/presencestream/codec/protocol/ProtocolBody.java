package io.presencestream.codec.protocol;

/** A JSON body of the gateway or REST protocol that {@code ProtocolCodec} can write. */
public sealed interface ProtocolBody
    permits ConnectionDetails, SubscriptionRequest, SubscriptionResponse, ErrorBody, TokenResponse,
        WsTokenResponse, ExtensionListPage, ExtensionListEvent, RawJson {}
