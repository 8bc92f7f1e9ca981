package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Start-up checks and the S3 endpoint built from rtms.s3.* (no Spring context needed). */
class SinkConfigurationTest {

    @Test
    void theHttpUrlMustBeAnHttpUrlWithoutCredentials() {
        HttpSinkConfiguration.requireUrl("rtms.http.url", "https://example.com/rtms?x=1");
        assertThatThrownBy(() -> HttpSinkConfiguration.requireUrl("rtms.http.url", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rtms.http.url").hasMessageContaining("empty");
        assertThatThrownBy(() -> HttpSinkConfiguration.requireUrl("rtms.http.urls.audio", "ftp://example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rtms.http.urls.audio");
        assertThatThrownBy(() -> HttpSinkConfiguration.requireUrl("rtms.http.url", "http://user:secret@example.com/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials").hasMessageNotContaining("secret@");
    }

    @Test
    void theS3EndpointFollowsTheSettings() {
        S3SinkProperties p = new S3SinkProperties();
        p.setBucket("recordings");
        assertThat(S3SinkConfiguration.endpointUri(p)).isEqualTo("aws2-s3://recordings?useDefaultCredentialsProvider=true"
                + "&autoCreateBucket=false&multiPartUpload=true&partSize=26214400");
        p.setRegion("eu-central-1");
        p.setEndpointOverride("http://127.0.0.1:9000");
        p.setForcePathStyle(true);
        p.setPartSize(DataSize.ofMegabytes(8));
        assertThat(S3SinkConfiguration.endpointUri(p)).endsWith("&partSize=8388608&region=eu-central-1"
                + "&overrideEndpoint=true&uriEndpointOverride=http://127.0.0.1:9000&forcePathStyle=true");
    }

    @Test
    void badS3SettingsAreClearErrors() {
        S3SinkProperties p = new S3SinkProperties();
        assertThatThrownBy(() -> S3SinkConfiguration.requireSettings(p)).hasMessageContaining("rtms.s3.bucket is required");
        p.setBucket("Not_A_Bucket");
        assertThatThrownBy(() -> S3SinkConfiguration.requireSettings(p)).hasMessageContaining("not a valid bucket name");
        p.setBucket("ok-bucket");
        p.setPartSize(DataSize.ofMegabytes(1));
        assertThatThrownBy(() -> S3SinkConfiguration.requireSettings(p)).hasMessageContaining("rtms.s3.part-size");
        p.setPartSize(DataSize.ofMegabytes(5));
        p.setEndpointOverride("127.0.0.1:9000");
        assertThatThrownBy(() -> S3SinkConfiguration.requireSettings(p)).hasMessageContaining("rtms.s3.endpoint-override");
        p.setEndpointOverride("");
        S3SinkConfiguration.requireSettings(p);
    }
}
