package io.jenkins.plugins.awsdelivery;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/**
 * The credential drop-downs of the steps' forms. Only someone who may configure the job (or use its credentials) sees
 * the list; without a job, only an administrator.
 */
final class CredentialsItems {
    private CredentialsItems() {}

    static ListBoxModel aws(Item item, String current) {
        return fill(item, current, AmazonWebServicesCredentials.class);
    }

    static ListBoxModel usernamePassword(Item item, String current) {
        return fill(item, current, StandardUsernamePasswordCredentials.class);
    }

    static ListBoxModel secretFile(Item item, String current) {
        return fill(item, current, FileCredentials.class);
    }

    private static ListBoxModel fill(Item item, String current, Class<? extends StandardCredentials> type) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return result.includeCurrentValue(current);
            }
        } else if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(
                        item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                        item,
                        type,
                        List.of(),
                        CredentialsMatchers.always())
                .includeCurrentValue(current);
    }
}
