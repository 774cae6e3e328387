// The same consumer for Gradle users (documented; no modern Gradle can run on the build machine, so
// CI builds the Maven pom.xml beside this file). `gradle test` after `./mvnw install -DskipTests`
// at the repository root.
plugins {
    java
}

val auraVersion = "0.1.0-SNAPSHOT"

repositories {
    mavenLocal()
    mavenCentral()
}

java {
    toolchain { languageVersion.set(JavaLanguageVersion.of(17)) }
}

dependencies {
    implementation(platform("io.github.aura-k8s:aura-bom:$auraVersion"))
    implementation("io.github.aura-k8s:aura-ensemble")
    testImplementation("io.github.aura-k8s:aura-simulator")
    testImplementation("ml.dmlc:xgboost4j_2.12:2.1.3")
    testImplementation(platform("org.junit:junit-bom:5.11.3"))
    testImplementation("org.junit.jupiter:junit-jupiter")
    testRuntimeOnly("org.junit.platform:junit-platform-launcher")
}

tasks.test {
    useJUnitPlatform()
    workingDir = layout.buildDirectory.get().asFile // the snippet reads cluster.aura from here
    doFirst { workingDir.mkdirs() }
}
