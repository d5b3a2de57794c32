package org.wangge.cases.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Attachments as files under one directory (a shared volume when several replicas run). */
public class FileSystemAttachmentStore implements AttachmentStore {

    private final Path root;

    public FileSystemAttachmentStore(StorageSettings storage) {
        this.root = Path.of(storage.dir()).toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, Path source) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
        // readers never see a half-written file
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Bad storage key " + key);
        }
        return path;
    }
}
