package org.wangge.documents;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** Loads the manifests of {@code wangge.documents.manifests} ({@code <client id>.json}) when the service starts. */
@ApplicationScoped
public class ManifestsAtStartup {

    private static final Logger LOG = Logger.getLogger(ManifestsAtStartup.class);

    void load(@Observes StartupEvent started, DocumentSettings settings, DocumentService service) {
        if (settings.manifests().isEmpty()) {
            return;
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(settings.manifests().get())) {
            files = listed.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("wangge.documents.manifests cannot be read", e);
        }
        for (Path file : files) {
            String client = file.getFileName().toString().replaceFirst("\\.json$", "");
            try {
                int documents = service.loadManifest(client, Files.readString(file)).await().indefinitely();
                LOG.infof("Trusted documents of %s: %d loaded from %s", client, documents, file);
            } catch (IOException e) {
                throw new UncheckedIOException("manifest " + file + " cannot be read", e);
            }
        }
    }
}
