module com.example.consumer {
  requires com.serviceform.sdk;
  requires com.serviceform.sdk.generated;

  exports com.example.consumer;
}
