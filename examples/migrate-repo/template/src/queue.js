const AWS = require('aws-sdk');

// Shape 1: the legacy SDK's global config, updated with literal keys.
AWS.config.update({
  region: 'eu-west-1',
  accessKeyId: '{{AKID:2}}',
  secretAccessKey: '{{SECRET:2}}',
});

const sqs = new AWS.SQS();

module.exports.enqueue = (body) => sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: body }).promise();
