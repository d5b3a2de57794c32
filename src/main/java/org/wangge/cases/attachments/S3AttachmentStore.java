package org.wangge.cases.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Attachments as objects in a bucket of an S3-compatible store (AWS SDK v2, over the JDK's HTTP
 * client). A put is one request, so a reader never sees half an object. Blocking: called from
 * worker threads, as the file-system store is.
 */
public class S3AttachmentStore implements AttachmentStore, AutoCloseable {

    /** The longest a presigned address may live (SigV4 allows seven days). */
    static final Duration LONGEST_PRESIGNED = Duration.ofDays(7);

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final boolean presignedDownloads;
    private final AwsCredentialsProvider credentials;

    public S3AttachmentStore(StorageSettings.S3 settings) {
        this.bucket = settings.bucket().filter(b -> !b.isBlank())
                .orElseThrow(() -> new IllegalStateException("wangge.storage.kind=S3 needs wangge.storage.s3.bucket"));
        this.prefix = settings.prefix().orElse("");
        this.presignedDownloads = settings.presignedDownloads();
        S3Configuration service = S3Configuration.builder()
                .pathStyleAccessEnabled(settings.pathStyle())
                .chunkedEncodingEnabled(settings.chunkedEncoding())
                .build();
        if (settings.accessKey().isPresent() != settings.secretKey().isPresent()) {
            throw new IllegalStateException("wangge.storage.s3: give both access-key and secret-key, or neither (the SDK's default credentials)");
        }
        this.credentials = settings.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(), settings.secretKey().get()))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(settings.region());
        // checksums only where the API requires them: the trailing checksums the SDK adds by default
        // are refused by S3-compatible stores that predate them
        var clientBuilder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(region)
                .credentialsProvider(credentials).serviceConfiguration(service)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presignerBuilder = S3Presigner.builder().region(region).credentialsProvider(credentials).serviceConfiguration(service);
        settings.endpoint().ifPresent(endpoint -> {
            clientBuilder.endpointOverride(endpoint);
            presignerBuilder.endpointOverride(endpoint);
        });
        this.client = clientBuilder.build();
        this.presigner = presignerBuilder.build();
    }

    @Override
    public void put(String key, Path source) throws IOException {
        try {
            client.putObject(PutObjectRequest.builder().bucket(bucket).key(prefix + key).build(), RequestBody.fromFile(source));
        } catch (SdkException e) {
            throw new IOException("The object store refused " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return client.getObject(GetObjectRequest.builder().bucket(bucket).key(prefix + key).build());
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key);
            }
            throw new IOException("The object store did not give " + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("The object store did not give " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<URI> downloadAddress(String key, String fileName, String contentType, Duration lifetime) {
        if (!presignedDownloads) {
            return Optional.empty();
        }
        String encoded = java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(prefix + key)
                .responseContentType(contentType)
                .responseContentDisposition("inline; filename*=UTF-8''" + encoded)
                .build();
        Duration valid = lifetime.compareTo(LONGEST_PRESIGNED) > 0 ? LONGEST_PRESIGNED : lifetime;
        return Optional.of(URI.create(presigner.presignGetObject(p -> p.signatureDuration(valid).getObjectRequest(get)).url().toString()));
    }

    @Override
    public void close() {
        client.close();
        presigner.close();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing left to release
            }
        }
    }
}
