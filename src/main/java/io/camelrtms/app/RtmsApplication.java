package io.camelrtms.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RtmsApplication {
    public static void main(String[] args) {
        SpringApplication.run(RtmsApplication.class, args);
    }
}
