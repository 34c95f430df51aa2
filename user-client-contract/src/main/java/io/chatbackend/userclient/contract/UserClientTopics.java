package io.chatbackend.userclient.contract;

/** Where user-client publishes its integration events. */
public final class UserClientTopics {

    /**
     * User-scoped events ({@link DeviceRevoked}, {@link PresenceChanged}), keyed by {@code userId}, in the order
     * user-client recorded them (its transactional outbox). Kept forever.
     */
    public static final String USERS = "userclient.users.v1";

    private UserClientTopics() {
    }

    /** The classpath resource holding a complete sample envelope of the given event type, version 1. */
    public static String sample(String type) {
        return "contract-samples/" + type + ".v1.json";
    }
}
