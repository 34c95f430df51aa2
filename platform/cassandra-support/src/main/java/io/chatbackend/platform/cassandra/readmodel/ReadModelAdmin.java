package io.chatbackend.platform.cassandra.readmodel;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a service's admin API offers for its read models: start a rebuild by name, a job's status, the models and
 * their epochs. The service maps it onto its own controller; the admin CLI ({@code ./chat-admin rebuild}) expects
 * {@code POST /api/v1/admin/read-models/{model}/rebuild} → 202 with a {@link RebuildStatus},
 * {@code GET /api/v1/admin/read-models/rebuilds/{jobId}} → 200 with a {@link RebuildStatus}, and
 * {@code GET /api/v1/admin/read-models} → the {@link ReadModelInfo} list. Map
 * {@link UnknownReadModelException} to 404 and {@link RebuildRefusedException} to 409.
 */
public class ReadModelAdmin {

    private final ReadModelCatalog catalog;
    private final ReadModelRebuilder rebuilder;
    private final Map<String, RebuildSource> sources;

    /**
     * @param catalog   the service's catalog
     * @param rebuilder the service's rebuilder
     * @param sources   model name to the source that replays it
     */
    public ReadModelAdmin(ReadModelCatalog catalog, ReadModelRebuilder rebuilder, Map<String, RebuildSource> sources) {
        this.catalog = catalog;
        this.rebuilder = rebuilder;
        this.sources = Map.copyOf(sources);
    }

    /**
     * Starts rebuilding a model.
     *
     * @return the new job's first status
     * @throws UnknownReadModelException if the model is unknown or has no source here
     * @throws RebuildRefusedException   if a rebuild of it runs already
     */
    public RebuildStatus startRebuild(String model) {
        return rebuilder.start(model, source(model)).status();
    }

    /**
     * Starts rebuilding {@code model} into a scratch copy beside the live one, comparing the two and dropping the
     * copy: the live model is never switched (ends {@link RebuildStatus#COMPARED} with the report).
     *
     * @throws UnknownReadModelException if the model is unknown or has no source here
     * @throws RebuildRefusedException   if a rebuild or comparison of it runs already
     */
    public RebuildStatus startComparison(String model) {
        return rebuilder.compare(model, source(model)).status();
    }

    private RebuildSource source(String model) {
        RebuildSource source = sources.get(model);
        if (source == null || catalog.definition(model).isEmpty()) {
            throw new UnknownReadModelException(model);
        }
        return source;
    }

    /** A rebuild job's status, from whichever instance runs or ran it. */
    public Optional<RebuildStatus> status(String jobId) {
        return rebuilder.status(jobId);
    }

    /** Every registered model with its epochs, by name. */
    public List<ReadModelInfo> models() {
        return catalog.definitions().stream().sorted(Comparator.comparing(ReadModelDefinition::name))
                .map(definition -> {
                    ReadModelState state = catalog.state(definition.name());
                    Map<String, String> tables = new LinkedHashMap<>();
                    for (String logical : definition.tables().keySet()) {
                        tables.put(logical, catalog.readTable(definition.name(), logical));
                    }
                    return new ReadModelInfo(definition.name(), state.epoch(), state.buildingEpoch(),
                            state.buildingJob(), tables, sources.containsKey(definition.name()));
                }).toList();
    }
}
