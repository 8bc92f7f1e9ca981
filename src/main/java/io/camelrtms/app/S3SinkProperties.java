package io.camelrtms.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code s3} sink ({@code rtms.s3.*}). Credentials come from the AWS default credential chain
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, a container or instance role).
 */
@ConfigurationProperties(prefix = "rtms.s3")
public class S3SinkProperties {

    /** The bucket (required when a media type goes to s3; it must exist). */
    private String bucket = "";

    /** Keys start with this ({@code <prefix>/<product>/<entity>/<stream>/...}); empty for none. */
    private String prefix = "rtms";

    /** AWS region; empty uses the SDK's default region chain (AWS_REGION, profile). */
    private String region = "";

    /** Endpoint of an S3-compatible store (MinIO, S3Proxy, Ceph), e.g. http://127.0.0.1:9000; empty for AWS. */
    private String endpointOverride = "";

    /** Path-style requests (bucket in the path), which most S3-compatible stores need. */
    private boolean forcePathStyle = false;

    /** Files larger than this are uploaded in parts of this size (at least 5MB). */
    private DataSize partSize = DataSize.ofMegabytes(25);

    /** Upload the files of live streams this often as rolling segments (0 = only when the stream stops). */
    private Duration segmentInterval = Duration.ZERO;

    /** Delete a local file once S3 holds it with the same size (files of types also sent to file are kept). */
    private boolean deleteLocalAfterUpload = false;

    /** Streams whose uploads run at the same time. */
    private int uploadThreads = 2;

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getEndpointOverride() {
        return endpointOverride;
    }

    public void setEndpointOverride(String endpointOverride) {
        this.endpointOverride = endpointOverride;
    }

    public boolean isForcePathStyle() {
        return forcePathStyle;
    }

    public void setForcePathStyle(boolean forcePathStyle) {
        this.forcePathStyle = forcePathStyle;
    }

    public DataSize getPartSize() {
        return partSize;
    }

    public void setPartSize(DataSize partSize) {
        this.partSize = partSize;
    }

    public Duration getSegmentInterval() {
        return segmentInterval;
    }

    public void setSegmentInterval(Duration segmentInterval) {
        this.segmentInterval = segmentInterval;
    }

    public boolean isDeleteLocalAfterUpload() {
        return deleteLocalAfterUpload;
    }

    public void setDeleteLocalAfterUpload(boolean deleteLocalAfterUpload) {
        this.deleteLocalAfterUpload = deleteLocalAfterUpload;
    }

    public int getUploadThreads() {
        return uploadThreads;
    }

    public void setUploadThreads(int uploadThreads) {
        this.uploadThreads = uploadThreads;
    }
}
