import { definePlatform } from '../define.js';

/**
 * Amazon messaging: SNS (SMS, push, email topics), Pinpoint, End User
 * Messaging SMS and Chime SDK Messaging through the AWS SDK v3. A v3 send is
 * `client.send(new PublishCommand(input))`: the payload is in the command's
 * input, and `send` is the generic Smithy client method that sends it. Where
 * the command visibly reaches `send`, that call is the sink; a command built
 * and handed elsewhere is reported where it is built. The aggregated
 * clients (`new SNS().publish(input)`) are ordinary methods.
 * Docs: https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
 * SDK: https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/sns/command/PublishCommand/
 */
/** Smithy's `Client.send(command)` (declared in @smithy/core since 2025, before that in @smithy/smithy-client). */
const sentBy = [{ module: ['@smithy/core', '@smithy/smithy-client', '@aws-sdk/smithy-client'], type: 'Client', method: 'send' }];

export default definePlatform({
  platform: 'Amazon SNS / Pinpoint / Chime',
  docs: 'https://docs.aws.amazon.com/sns/latest/api/API_Publish.html',
  untested: {
    'aws-sdk': 'not installed for tests: v2 is past end of support (September 2025) and unpacks to about 103 MB, more than the CI install budget allows (see fixtures/package.json); modelled from its typings; the same SNS Publish through @aws-sdk/client-sns is proven',
  },
  versions: { 'aws-sdk': '2', '@aws-sdk/client-sns': '3', '@aws-sdk/client-pinpoint': '3', '@aws-sdk/client-pinpoint-sms-voice-v2': '3', '@aws-sdk/client-chime-sdk-messaging': '3' },
  sinks: [
    { module: '@aws-sdk/client-sns', type: 'PublishCommand', method: 'constructor', payload: ['arg0.Message', 'arg0.Subject', 'arg0.MessageAttributes'], sentBy },
    { module: '@aws-sdk/client-sns', type: 'PublishBatchCommand', method: 'constructor', payload: ['arg0.PublishBatchRequestEntries'], sentBy },
    { module: '@aws-sdk/client-sns', type: 'SNS', method: ['publish', 'publishBatch'], payload: ['arg0.Message', 'arg0.Subject', 'arg0.PublishBatchRequestEntries'] },
    // AWS SDK v2: `new SNS().publish({ Message, PhoneNumber }).promise()`.
    { module: 'aws-sdk', type: 'SNS', method: ['publish', 'publishBatch'], payload: ['arg0.Message', 'arg0.Subject', 'arg0.MessageAttributes', 'arg0.PublishBatchRequestEntries'] },
    { module: 'aws-sdk', type: 'Pinpoint', method: ['sendMessages', 'sendUsersMessages'], payload: ['arg0.MessageRequest', 'arg0.SendUsersMessageRequest'] },
    { module: '@aws-sdk/client-pinpoint', type: ['SendMessagesCommand', 'SendUsersMessagesCommand'], method: 'constructor', payload: ['arg0.MessageRequest', 'arg0.SendUsersMessageRequest'], sentBy },
    { module: '@aws-sdk/client-pinpoint-sms-voice-v2', type: ['SendTextMessageCommand', 'SendMediaMessageCommand'], method: 'constructor', payload: ['arg0.MessageBody'], sentBy },
    { module: '@aws-sdk/client-chime-sdk-messaging', type: ['SendChannelMessageCommand', 'UpdateChannelMessageCommand'], method: 'constructor', payload: ['arg0.Content', 'arg0.Metadata'], sentBy },
  ],
  endpoints: [{ method: 'POST', url: '^https://sns\\.[a-z0-9-]+\\.amazonaws\\.com/?', payload: ['Message', 'Subject'] }],
});
