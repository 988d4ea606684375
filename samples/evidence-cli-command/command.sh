$ aws s3 cp backup.tar.gz s3://amzn-s3-demo-bucket/archive/
