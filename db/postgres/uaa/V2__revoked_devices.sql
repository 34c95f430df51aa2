-- Devices revoked in user-client (its DeviceRevoked events). revoked_at is when UAA first learnt it; every refresh
-- family started before it is dead, including a token rotated concurrently with the revocation, while a later
-- login on the same device id starts a family that is not affected (and a redelivered event cannot touch it).
CREATE TABLE revoked_device (
    user_id    UUID         NOT NULL,
    device_id  VARCHAR(128) NOT NULL,
    revoked_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (user_id, device_id)
);
