package io.chatbackend.userclient.web;

import io.chatbackend.userclient.contract.NodeRegistration;
import io.chatbackend.userclient.contract.NotificationNode;
import io.chatbackend.userclient.node.NotificationNodes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The notification node registry, part of the internal API next to {@link InternalController} (same
 * {@code /internal} prefix, so the same scope {@code sessions}): nodes register the deliveries partitions they
 * consume, the ticket endpoint looks up who owns a user's partition (ADR 0013 "N nodes").
 */
@RestController
@RequestMapping("/internal/nodes")
class InternalNodesController {

    /** Far above any sensible deliveries topic; bounds the body and the stored array. */
    static final int MAX_PARTITIONS = 10_000;
    private static final int MAX_URL = 2048;

    private final NotificationNodes nodes;

    InternalNodesController(NotificationNodes nodes) {
        this.nodes = nodes;
    }

    /** Registers or refreshes a node; answers what it claims now. */
    @PutMapping("/{nodeId}")
    NotificationNode register(@PathVariable String nodeId, @RequestBody NodeRegistration request) {
        String id = Inputs.id("nodeId", nodeId);
        String wsUrl = wsUrl(request.wsUrl());
        int count = Inputs.required("partitionCount", request.partitionCount());
        if (count < 1 || count > MAX_PARTITIONS) {
            throw Inputs.invalid("partitionCount", "must be between 1 and " + MAX_PARTITIONS);
        }
        List<Integer> partitions = Inputs.required("partitions", request.partitions());
        if (partitions.size() > count) {
            throw Inputs.invalid("partitions", "may hold at most partitionCount entries");
        }
        for (Integer partition : partitions) {
            if (partition == null || partition < 0 || partition >= count) {
                throw Inputs.invalid("partitions", "must each be between 0 and partitionCount - 1");
            }
        }
        return nodes.register(id, wsUrl, count, partitions);
    }

    /** The live nodes, each with the partitions it owns (the more recent of two claims wins). */
    @GetMapping
    List<NotificationNode> live() {
        return nodes.live();
    }

    /** An absolute ws(s) URL with a host and no user info: it is handed to every client of the node's users. */
    private static String wsUrl(String value) {
        Inputs.required("wsUrl", value);
        if (value.length() > MAX_URL) {
            throw Inputs.invalid("wsUrl", "must be at most " + MAX_URL + " characters");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("ws") || scheme.equals("wss")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                throw Inputs.invalid("wsUrl", "must be an absolute ws or wss URL with a host");
            }
        } catch (URISyntaxException e) {
            throw Inputs.invalid("wsUrl", "is not a URL");
        }
        return value;
    }
}
